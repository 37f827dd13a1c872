/**
 * Where an export is made. Most exports are the report's text alone; the HTML report also reads
 * the evidence its tests name, which lies beside the report, and links to it from the folder it is
 * written to, which `grader export --dir` may make another one.
 */
export interface ExportFolders {
  /** The report's folder: its tests' `artifacts` paths are relative to it. */
  readonly reportDir: string;
  /** The folder the export is written to. */
  readonly outDir: string;
}
