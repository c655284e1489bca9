/** What a new item holds, so it renders (and teaches the format) from the first keystroke. */
import type { ItemKind } from '../../../shared/api/contract.js'
import type { Dialect } from './items.js'

const yamlText = (text: string) => (/^[\w .()→-]+$/u.test(text) ? text : JSON.stringify(text))

const BRAZE_TEMPLATE = (name: string) => `---
name: ${yamlText(name)}
dialect: braze
method: POST
url: https://hooks.example.com/braze
headers:
  Content-Type: application/json
---
{
  "user_id": "{{\${user_id}}}",
  "first_name": "{{\${first_name} | default: 'there' | json_escape}}"
}
`

const ZENDESK_TEMPLATE = (name: string) => `---
name: ${yamlText(name)}
dialect: zendesk
method: POST
url: https://rest.iad-01.braze.com/users/track
headers:
  Content-Type: application/json
---
{
  "events": [
    {
      "email": "{{ticket.requester.email}}",
      "name": "zendesk_ticket_updated",
      "time": "{{ticket.updated_at_with_timestamp}}",
      "properties": { "ticket_id": {{ticket.id}} }
    }
  ]
}
`

const BRAZE_USER = `{
  "external_id": "user-1",
  "first_name": "Ada",
  "email": "ada@example.com",
  "custom_attributes": {},
  "event_properties": {}
}
`

const ZENDESK_TICKET = `{
  "ticket": {
    "id": 1,
    "subject": "Example ticket",
    "status": "open",
    "requester_id": 1,
    "tags": [],
    "created_at": "2024-01-02T09:00:00Z",
    "updated_at": "2024-01-02T09:30:00Z"
  },
  "users": [{ "id": 1, "name": "Ada Lovelace", "email": "ada@example.com" }]
}
`

const ENVIRONMENT = `{
  "kind": "sandbox",
  "description": "",
  "variables": {},
  "secrets": [],
  "allowedHosts": []
}
`

export function starterText(kind: ItemKind, name: string, dialect: Dialect = 'braze'): string {
  switch (kind) {
    case 'template':
      return dialect === 'braze' ? BRAZE_TEMPLATE(name) : ZENDESK_TEMPLATE(name)
    case 'braze-user':
      return BRAZE_USER
    case 'zendesk-ticket':
      return ZENDESK_TICKET
    case 'content-block':
      return `{%- comment -%} Content block ${name}: include it with {{content_blocks.\${${name}}}} {%- endcomment -%}\n`
    case 'environment':
      return ENVIRONMENT
  }
}
