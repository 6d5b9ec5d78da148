import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { connect } from './archive-client.ts';
import './styles.css';
import './layout.css';
import './sidebar.css';
import './list.css';
import './reader.css';
import './dialogs.css';
import './toast.css';
import './annotations.css';

const connection = connect();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);
