/** The HTTP methods a webhook may use: those Braze's composer and Zendesk's webhooks offer. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]
