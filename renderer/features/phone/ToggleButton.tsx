/** A call control that is on or off (mute, hold, camera, share): pressed state for screen readers, the label for what a press does next. */
export function ToggleButton({ pressed, onToggle, label, testId }: { pressed: boolean; onToggle: () => void; label: string; testId: string }) {
  return (
    <button type="button" className="button ghost" aria-pressed={pressed} onClick={onToggle} data-testid={testId}>
      {label}
    </button>
  );
}
