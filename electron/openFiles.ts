/**
 * Template files opened from the desktop (double-click, "Open With", a drop on the app's icon).
 * Windows and Linux pass their paths as command-line arguments, to this instance or to a second
 * one that hands them over; macOS sends `open-file` events, possibly before the window exists.
 */
import { resolve } from 'node:path'
import { locateItemFile } from '../shared/workspace/layout.js'
import type { MenuCommand } from './menuCommands.js'

/** The extension electron-builder.yml associates with Hookbench. */
const OPENABLE = /\.liquid$/

/** The files among command-line arguments: no flags, only what Hookbench opens, made absolute. */
export function filesInArguments(args: readonly string[], cwd: string): string[] {
  return args.filter((arg) => !arg.startsWith('-') && OPENABLE.test(arg)).map((arg) => resolve(cwd, arg))
}

/** The UI command that opens `path` in its workspace, or why it cannot be opened. */
export function openFileCommand(path: string): { command: MenuCommand } | { problem: string } {
  const located = locateItemFile(path)
  if (!located) {
    return {
      problem: `${path} is not part of a Hookbench workspace, so Hookbench cannot open it. A workspace keeps its templates in a templates folder and its content blocks in a content-blocks folder.`,
    }
  }
  return { command: { type: 'open-item', dir: located.root, item: { kind: located.kind, name: located.name } } }
}
