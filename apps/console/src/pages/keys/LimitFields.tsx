import { Controller, type UseFormReturn } from 'react-hook-form';

import { Field } from '../../ui/Field';
import type { KeyForm } from './key-form';
import { MultiPicker } from './MultiPicker';

interface LimitFieldsProps {
  form: UseFormReturn<KeyForm>;
  /** The API's message about one of the body's fields, after a refused create. */
  apiIssue: (path: string) => string | undefined;
}

/** A key's own limits: its rate, its quota and the APIs it may call. */
export function LimitFields({ form, apiIssue }: LimitFieldsProps) {
  const { errors } = form.formState;
  return (
    <>
      <div className="form-row">
        <Field
          label="Rate"
          hint="Requests allowed per period."
          error={errors.rate?.message ?? apiIssue('rate')}
        >
          <input inputMode="numeric" {...form.register('rate')} />
        </Field>
        <Field label="Per (seconds)" hint="The rate's period." error={errors.per?.message ?? apiIssue('per')}>
          <input inputMode="numeric" {...form.register('per')} />
        </Field>
        <Field
          label="Quota max"
          hint="Requests per quota period; -1 for no quota."
          error={errors.quotaMax?.message ?? apiIssue('quota_max')}
        >
          <input inputMode="numeric" {...form.register('quotaMax')} />
        </Field>
        <Field
          label="Quota renewal rate (seconds)"
          hint="How often the quota starts again."
          error={errors.quotaRenewalRate?.message ?? apiIssue('quota_renewal_rate')}
        >
          <input inputMode="numeric" {...form.register('quotaRenewalRate')} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="apis"
        render={({ field }) => (
          <MultiPicker
            kind="apis"
            legend="APIs"
            value={field.value}
            onChange={field.onChange}
            error={errors.apis?.message ?? apiIssue('access_rights')}
          />
        )}
      />
    </>
  );
}
