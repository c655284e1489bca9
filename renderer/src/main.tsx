import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { startRenderControllers } from './render/controllers.js'
import { useStore } from './store/index.js'
import './styles/app.css'

startRenderControllers(useStore)
void useStore.getState().init()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
