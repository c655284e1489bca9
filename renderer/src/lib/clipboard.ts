/**
 * Copy text to the clipboard. The async Clipboard API first; where it is refused (a window whose
 * permission requests are all denied, as the desktop app's are) the selection-based copy, which
 * needs only the click that asked for it.
 */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text)
  } catch (err) {
    if (!copyThroughSelection(text)) throw err
  }
}

function copyThroughSelection(text: string): boolean {
  const previous = document.activeElement as HTMLElement | null
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.setAttribute('aria-hidden', 'true')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  area.style.pointerEvents = 'none'
  // Inside an open modal <dialog> when there is one: the rest of the page is inert then.
  const host = document.querySelector('dialog[open]') ?? document.body
  host.append(area)
  area.select()
  let copied = false
  try {
    copied = document.execCommand('copy')
  } catch {
    copied = false
  }
  area.remove()
  previous?.focus()
  return copied
}
