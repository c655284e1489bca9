/**
 * Flow runs: the whole two-way Braze ↔ Zendesk integration tested in one run (flows/NAME.yaml).
 * `runWorkspaceFlow` is what the app's API and the CLI call; `runFlow` is the runner itself,
 * which reports progress step by step through `onEvent`.
 */
export { FLOWS_DIR, flowNames, flowSummary, listFlows, readFlowFile, type FlowFile } from './flowFiles.js'
export { runFlow, type FlowRunnerOptions, type FlowRunOutcome } from './runner.js'
export { prepareWorkspaceFlow, runPreparedFlow, runWorkspaceFlow, type FlowRunRequest, type FlowServiceDeps } from './service.js'
export { FlowSetupError, setUpFlow, type FlowSetup, type FlowSetupInput } from './setup.js'
export { flowApiHandlers, type FlowApiHandlers, type FlowApiOptions, type FlowWorkspaceAccess } from './api.js'
export { FlowRunRegistry, type RunProgress } from './progress.js'
