/** Deploying Zendesk → Braze templates to a Zendesk account: the webhook, the trigger, and their ids. */
export { deployTemplate, type DeployAction, type DeployInput, type DeployResult } from './deploy.js'
export { recordDeployedIds, type RecordResult } from './recordIds.js'
export { ZendeskApiError, ZendeskDeployApi } from './zendeskApi.js'
