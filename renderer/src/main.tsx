import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { createHostApi, createHostEvents } from './api/client';
import { App } from './App';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <ApiProvider api={createHostApi()} events={createHostEvents()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
