/**
 * GitHub Actions workflow commands and files. Values are escaped as the runner expects
 * (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions), so text
 * from a repository cannot inject a command of its own.
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  column?: number;
}

export function annotationCommand(annotation: Annotation): string {
  const properties = [
    annotation.file !== undefined ? `file=${escapeProperty(annotation.file)}` : undefined,
    annotation.line !== undefined ? `line=${annotation.line}` : undefined,
    annotation.column !== undefined ? `col=${annotation.column}` : undefined,
    annotation.title !== undefined ? `title=${escapeProperty(annotation.title)}` : undefined,
  ].filter((property): property is string => property !== undefined);
  return `::${annotation.level}${properties.length > 0 ? ` ${properties.join(',')}` : ''}::${escapeData(annotation.message)}`;
}

/** A `name<<DELIMITER` block for GITHUB_OUTPUT, safe for values with newlines. */
export function outputBlock(name: string, value: string): string {
  let delimiter = 'DPG_CHECK_EOF';
  while (value.includes(delimiter)) delimiter += '_';
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}
