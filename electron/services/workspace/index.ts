/** The workspace service: folders of templates, samples, content blocks and environments. */
export { createWorkspace, EXAMPLES_DIR, type CreatedWorkspace, type CreateWorkspaceOptions } from './create.js'
export { isWorkspaceError, WorkspaceError, type WorkspaceErrorCode } from './errors.js'
export {
  isWorkspaceFolder,
  openWorkspace,
  Workspace,
  type ItemContent,
  type ItemRef,
  type SavedItem,
  type TrashedItem,
  type WorkspaceItem,
  type WorkspaceListing,
} from './workspace.js'
