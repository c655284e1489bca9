/**
 * "Save as file": the text as a Blob behind a temporary download link. The same in the desktop app
 * (Electron asks where to save it) and in a browser (it goes to the downloads folder).
 */
export function saveTextFile(fileName: string, text: string, type: 'application/json' | 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked once the download has taken the data: the text does not stay reachable by URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
