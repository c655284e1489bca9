import { describe, expect, it } from 'vitest'
import { signatureHeaders, signatureTimestamp, ZENDESK_TEST_SIGNING_SECRET, zendeskSignature } from '../../shared/zendesk/signature.js'

describe('Zendesk webhook signatures (zendesk.md §0 item 5)', () => {
  it('matches the documented test vector', () => {
    expect(zendeskSignature(ZENDESK_TEST_SIGNING_SECRET, '2021-03-25T05:09:27Z', '{"event":"ticket.updated","id":123}')).toBe(
      'S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=',
    )
  })

  it('formats the timestamp to the second in UTC and names both headers', () => {
    const at = new Date('2021-03-25T05:09:27.456Z')
    expect(signatureTimestamp(at)).toBe('2021-03-25T05:09:27Z')
    expect(signatureHeaders(ZENDESK_TEST_SIGNING_SECRET, '{"event":"ticket.updated","id":123}', at)).toEqual({
      'X-Zendesk-Webhook-Signature': 'S/RDdU2ERmj7LHDDoWJ2onPYH+t7/f2+LTM4dL7UiLM=',
      'X-Zendesk-Webhook-Signature-Timestamp': '2021-03-25T05:09:27Z',
    })
  })
})
