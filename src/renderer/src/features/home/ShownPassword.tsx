import { useEffect, useId, useRef, useState } from 'react';

interface ShownPasswordProps {
  password: string;
  onKept: () => void;
}

/**
 * A generated password where no keychain can keep it: shown this once, with
 * a warning, until the person says they have kept it. After that the page
 * forgets it.
 */
export function ShownPassword({ password, onKept }: ShownPasswordProps) {
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  useEffect(() => heading.current?.focus(), []);

  return (
    <section className="panel password-change" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1} ref={heading}>
        Your new password
      </h2>
      <div className="warning" role="alert">
        <p>
          <strong>This is the only time the console shows it.</strong> No keychain is reachable on this computer, so the console keeps it in memory for
          this session only. Put it in your password manager now: after a restart you will have to type it.
        </p>
      </div>
      <p>
        <code className="shown-secret" data-testid="generated-password">
          {password}
        </code>
      </p>
      <p className="form-actions">
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard.writeText(password).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          Copy the password
        </button>
        <button type="button" className="primary" onClick={onKept}>
          I have kept it
        </button>
      </p>
      <p className="status" role="status">
        {copied ? 'Copied. Clear the clipboard once it is in your password manager.' : ''}
      </p>
    </section>
  );
}
