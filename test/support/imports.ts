/** One row of an import report, as the API returns it. */
export interface ReportRow {
  line: number;
  outcome: string;
  key?: string;
  errors?: { field: string; message: string }[];
}
