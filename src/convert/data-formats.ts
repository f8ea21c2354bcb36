/**
 * The data formats an extraction answer names ("download … in .csv or .json format", "export to
 * GeoJSON, Shapefile, KML"), for `dataExtraction.formats`. Only well-known names of data formats,
 * matched as whole words, count; the manifest gets each under its usual spelling, in the order the
 * text first names it. Words that name no single format stay out: "Excel" is XLS or XLSX (check
 * judges those differently), "SQL" a query language as often as a dump; document and media formats
 * (PDF, PNG, MP3) are how reports and media are published, not how data is extracted.
 */
const FORMATS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['CSV', ['csv']],
  ['TSV', ['tsv']],
  ['JSON', ['json']],
  ['JSON-LD', ['json-ld', 'jsonld']],
  ['NDJSON', ['ndjson', 'jsonl']],
  ['GeoJSON', ['geojson']],
  ['TopoJSON', ['topojson']],
  ['XML', ['xml']],
  ['YAML', ['yaml', 'yml']],
  ['RDF', ['rdf']],
  ['TXT', ['txt']],
  ['XLSX', ['xlsx']],
  ['XLS', ['xls']],
  ['ODS', ['ods']],
  ['Parquet', ['parquet']],
  ['Avro', ['avro']],
  ['HDF5', ['hdf5']],
  ['NetCDF', ['netcdf']],
  ['GeoTIFF', ['geotiff']],
  ['TIFF', ['tiff', 'tif']],
  ['GeoPackage', ['geopackage', 'gpkg']],
  ['Shapefile', ['shapefile', 'shp']],
  ['KML', ['kml']],
  ['KMZ', ['kmz']],
  ['GPX', ['gpx']],
  ['GML', ['gml']],
  ['GTFS', ['gtfs']],
  ['FHIR', ['fhir']],
  ['HL7', ['hl7']],
  ['DICOM', ['dicom']],
  ['HXL', ['hxl']],
  ['OCDS', ['ocds']],
  ['SDMX', ['sdmx']],
  ['OBF', ['obf']],
  ['OBZ', ['obz']],
  ['OBL', ['obl']],
];

const NAME_OF = new Map(FORMATS.flatMap(([name, spellings]) => spellings.map((spelling) => [spelling, name] as const)));
/**
 * One alternation of the spellings, longest first (json-ld before json), between non-word characters;
 * a leading dot is allowed (.csv). Alternatives of bounded length: the scan is linear in the text.
 */
const FORMAT_PATTERN = new RegExp(`(?<![A-Za-z0-9])\\.?(${[...NAME_OF.keys()].sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9])`, 'gi');
/** Links are not prose: ".../export-runs-to-csv" says nothing about what the text offers. */
const LINK = /https?:\s?\/\/\S+|\bwww\.\S+/gi;

/** The data formats the text names, each once, in the order of their first mention. */
export function dataFormatsIn(text: string | undefined): string[] {
  if (!text) return [];
  const formats: string[] = [];
  for (const match of text.replace(LINK, ' ').matchAll(FORMAT_PATTERN)) {
    const name = NAME_OF.get((match[1] ?? '').toLowerCase());
    if (name !== undefined && !formats.includes(name)) formats.push(name);
  }
  return formats;
}
