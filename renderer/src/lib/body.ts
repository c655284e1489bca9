/** A request or response body as shown: pretty JSON when it parses, the raw text otherwise. */
export function formatBody(body: string): { text: string; json: boolean } {
  if (body.trim() === '') return { text: body, json: false }
  try {
    return { text: JSON.stringify(JSON.parse(body), null, 2), json: true }
  } catch {
    return { text: body, json: false }
  }
}
