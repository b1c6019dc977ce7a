import { useEffect, useRef, useState } from 'react';

import { Field } from '../../ui/Field';

/**
 * Where files are dropped, around a labelled file input. Dropping is a pointer shortcut; the input is the
 * keyboard way in, so the zone stays a plain (non-interactive) element and gets its drag listeners directly.
 */
export function DropZone({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled: boolean }) {
  const zone = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const latest = useRef({ onFiles, disabled });
  useEffect(() => {
    latest.current = { onFiles, disabled };
  });

  useEffect(() => {
    const element = zone.current;
    if (!element) return undefined;
    const over = (event: DragEvent) => {
      event.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (event: DragEvent) => {
      event.preventDefault();
      setDragging(false);
      if (!latest.current.disabled) latest.current.onFiles([...(event.dataTransfer?.files ?? [])]);
    };
    element.addEventListener('dragover', over);
    element.addEventListener('dragleave', leave);
    element.addEventListener('drop', drop);
    return () => {
      element.removeEventListener('dragover', over);
      element.removeEventListener('dragleave', leave);
      element.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <div ref={zone} className={dragging ? 'drop-zone dragging' : 'drop-zone'}>
      <p>Drop Tyk API definition files (.json) here, or choose them:</p>
      <Field label="Tyk API definition file" hint="You can choose several files">
        <input
          type="file"
          accept=".json,application/json"
          multiple
          disabled={disabled}
          onChange={(event) => {
            onFiles([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
      </Field>
    </div>
  );
}
