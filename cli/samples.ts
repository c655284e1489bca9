/** Reading one sample for a command: `FILE`, or `FILE#LABEL` to pick one record of a list. */
import { formatDiagnostic } from '../shared/diagnostics.js'
import { loadSamples, type LoadedSample, type SampleKind } from '../shared/samples/load.js'
import { readText } from './files.js'
import { UsageError, type Io } from './io.js'

/** The sample, or undefined when the file is unusable (its problems are printed). */
export async function readSample(spec: string, kind: SampleKind, io: Io): Promise<LoadedSample | undefined> {
  const { path, pick } = splitPick(spec)
  const load = loadSamples(await readText(path, 'sample'), path, kind)
  for (const d of load.diagnostics) io.err(`${formatDiagnostic(d, path)}\n`)
  if (load.samples.length === 0) {
    if (load.diagnostics.length === 0) io.err(`${path}: holds no samples\n`)
    return undefined
  }
  return pickSample(load.samples, pick, path, io)
}

function splitPick(spec: string): { path: string; pick?: string } {
  const hash = spec.lastIndexOf('#')
  return hash > 0 ? { path: spec.slice(0, hash), pick: spec.slice(hash + 1) } : { path: spec }
}

function pickSample(samples: LoadedSample[], pick: string | undefined, path: string, io: Io): LoadedSample {
  if (pick === undefined) {
    if (samples.length > 1) {
      io.err(`${path}: holds ${samples.length} samples; rendering the first (${samples[0]!.label}). Pick one with ${path}#LABEL or render all with --samples.\n`)
    }
    return samples[0]!
  }
  const byLabel = samples.find((s) => s.label === pick)
  const byIndex = /^\d+$/.test(pick) ? samples[Number(pick)] : undefined
  const found = byLabel ?? byIndex
  if (!found) throw new UsageError(`${path}: no sample "${pick}"; it holds ${samples.map((s) => s.label).join(', ')}`)
  return found
}
