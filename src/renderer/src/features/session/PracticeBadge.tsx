/** Marks the built-in sandbox wherever it appears: practice, not a real tenant. */
export function PracticeBadge() {
  return (
    <span className="badge badge-practice" title="The built-in sandbox: practice, not a real tenant">
      Practice
    </span>
  );
}
