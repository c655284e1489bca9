/**
 * A template made ready for one environment: `%{env.…}` and `%{secret.…}` references replaced
 * (with real values for sending, or with stand-ins for everything shown, stored or exported),
 * then compiled. Positions still point at the user's file.
 */
import { substituteTemplateFile, type ReferenceValues, type SubstitutionMode } from '../environment/substitute.js'
import type { TemplateFile } from '../template/file.js'
import { compileTemplate, type CompiledTemplate, type CompileOptions } from './compile.js'

export function prepareTemplate(
  file: TemplateFile,
  values: ReferenceValues | null,
  mode: SubstitutionMode,
  options: CompileOptions = {},
): CompiledTemplate {
  const substituted = substituteTemplateFile(file, values, mode)
  return compileTemplate({ ...substituted.file, diagnostics: [...file.diagnostics, ...substituted.diagnostics] }, options)
}
