/** Sample imports: Braze user exports, Zendesk tickets and CSVs of users, into a workspace. */
export { importBrazeExport, importFile, importText, importUsersCsv, importZendeskTickets, type ImportFormat } from './importFile.js'
export { writeImport, type CreatedSample, type ImportReport } from './writeImport.js'
