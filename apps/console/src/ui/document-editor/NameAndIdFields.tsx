import type { UseFormRegisterReturn } from 'react-hook-form';

import { Field } from '../Field';

interface NameAndIdFieldsProps {
  name: UseFormRegisterReturn;
  nameError?: string;
  /** e.g. "API ID", "Policy ID". */
  idLabel: string;
  id: UseFormRegisterReturn;
  idError?: string;
  idHint: string;
  /** The id is chosen when the document is created; afterwards it is how others refer to it. */
  isNew: boolean;
}

/** A stored document's name and its id, the id fixed once created. */
export function NameAndIdFields({
  name,
  nameError,
  idLabel,
  id,
  idError,
  idHint,
  isNew,
}: NameAndIdFieldsProps) {
  return (
    <>
      <Field label="Name" error={nameError}>
        <input autoComplete="off" {...name} />
      </Field>
      <Field label={idLabel} error={idError} hint={idHint}>
        <input autoComplete="off" readOnly={!isNew} {...id} />
      </Field>
    </>
  );
}
