/**
 * The defaults every entry point shares (the CLI's check and audit, the GitHub Action, the library):
 * one place, so that the same target checked from any of them is read the same way.
 */

/** Bytes read at most from any one file (`--max-file-bytes`). */
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;

/** Time limit of each network request and git command, in seconds (`--timeout`). */
export const DEFAULT_TIMEOUT_SECONDS = 60;
