/** Application-menu commands the main process forwards to the UI. */
export const MENU_COMMAND_CHANNEL = 'hookbench:menu-command'

export type MenuCommand = 'save' | 'quick-open' | 'workspace-changed' | 'new-template' | 'about'
