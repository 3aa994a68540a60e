// Entry shell: choose the bridge, mount the app. Everything else lives in app/ and features/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { App } from './app/App';
import { BridgeContext } from './bridge/BridgeContext';
import { connectBridge } from './bridge/connectBridge';
import './styles/app.css';

// The CSP forbids eval: zod must not even probe for it (Chromium reports a caught `new Function` as a violation).
zodConfig({ jitless: true });

const root = createRoot(document.getElementById('root') ?? document.body.appendChild(document.createElement('div')));
try {
  const bridge = connectBridge();
  root.render(
    <StrictMode>
      <BridgeContext.Provider value={bridge}>
        <App />
      </BridgeContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(<p className="fatal" role="alert">{error instanceof Error ? error.message : String(error)}</p>);
}
