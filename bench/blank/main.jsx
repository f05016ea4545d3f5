// The start-up benchmark's baseline: React rendering a heading and a button, and nothing else.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function BlankPage() {
  const [presses, setPresses] = useState(0);
  return (
    <main>
      <h1>Blank page</h1>
      <button type="button" onClick={() => setPresses(presses + 1)}>
        Pressed {presses} times
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <BlankPage />
  </StrictMode>,
);
