/** The application menu: File, Edit, View, Help (with the Braze and Zendesk references). */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import { sendCommand, type MenuCommand } from './menuCommands.js'
import { openExternalIfAllowed } from './window.js'

export function installMenu(window: () => BrowserWindow | undefined): void {
  const send = (command: MenuCommand) => sendCommand(window(), command)
  const pickFolder = async (title: string, create: boolean): Promise<string | undefined> => {
    const win = window()
    const options = { title, properties: create ? (['openDirectory', 'createDirectory'] as const) : (['openDirectory'] as const) }
    const result = win ? await dialog.showOpenDialog(win, { ...options, properties: [...options.properties] }) : undefined
    return result && !result.canceled ? result.filePaths[0] : undefined
  }
  const docs = (label: string, url: string): MenuItemConstructorOptions => ({ label, click: () => openExternalIfAllowed(url) })

  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'New Workspace…',
          click: async () => {
            const dir = await pickFolder('Create a Hookbench workspace', true)
            if (dir) send({ type: 'open-workspace', dir, mode: 'create' })
          },
        },
        {
          label: 'Open Workspace…',
          accelerator: 'CmdOrCtrl+O',
          click: async () => {
            const dir = await pickFolder('Open a Hookbench workspace', false)
            if (dir) send({ type: 'open-workspace', dir, mode: 'open' })
          },
        },
        { type: 'separator' },
        { label: 'New Template', accelerator: 'CmdOrCtrl+N', click: () => send('new-template') },
        { label: 'Quick Open…', accelerator: 'CmdOrCtrl+P', click: () => send('quick-open') },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => send('save') },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      submenu: [
        docs('Braze Liquid reference', 'https://www.braze.com/docs/user_guide/messaging/design_and_edit/personalize/liquid'),
        docs('Braze webhooks', 'https://www.braze.com/docs/user_guide/message_building_by_channel/webhooks/creating_a_webhook'),
        docs('Braze /users/track', 'https://www.braze.com/docs/api/endpoints/user_data/post_user_track'),
        docs('Zendesk placeholders', 'https://support.zendesk.com/hc/en-us/articles/203662156-Zendesk-placeholders-reference'),
        docs('Zendesk webhooks', 'https://developer.zendesk.com/api-reference/webhooks/webhooks-api/webhooks/'),
        docs('Zendesk Tickets API', 'https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/'),
        { type: 'separator' },
        { label: `About Hookbench ${app.getVersion()}`, click: () => send('about') },
      ],
    },
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
