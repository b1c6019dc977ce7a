import { Controller } from 'react-hook-form';

import type { DocumentFieldsProps } from '../../ui/document-editor/document-kind';
import { NameAndIdFields } from '../../ui/document-editor/NameAndIdFields';
import { Field } from '../../ui/Field';
import { AccessRightsPicker } from './AccessRightsPicker';
import type { PolicyFormValues } from './policy-form';

const PARTITIONS: { key: keyof PolicyFormValues['partitions']; label: string }[] = [
  { key: 'quota', label: 'Quota' },
  { key: 'rate_limit', label: 'Rate limit' },
  { key: 'acl', label: 'Access rights (ACL)' },
  { key: 'complexity', label: 'Query complexity' },
];

/** A policy's limits, state, tags, APIs and partitions; the JSON tab edits everything else. */
export function PolicyFormFields({ form, errors, isNew, readOnly }: DocumentFieldsProps<PolicyFormValues>) {
  const { register, control } = form;
  const asNumber = { valueAsNumber: true } as const;
  return (
    <>
      <div className="form-row">
        <NameAndIdFields
          name={register('name')}
          nameError={errors.name}
          idLabel="Policy ID"
          id={register('id')}
          idError={errors.id}
          idHint={isNew ? 'Keys refer to the policy by it' : 'Fixed once created'}
          isNew={isNew}
        />
        <Field label="State" error={errors.state}>
          <select {...register('state')}>
            <option value="active">Active</option>
            <option value="draft">Draft (not active)</option>
            <option value="deny">Deny (keys with it are refused)</option>
          </select>
        </Field>
      </div>
      <div className="form-row">
        <Field label="Rate" error={errors.rate} hint="Requests allowed per period">
          <input type="number" {...register('rate', asNumber)} />
        </Field>
        <Field label="Per (seconds)" error={errors.per}>
          <input type="number" min={0} {...register('per', asNumber)} />
        </Field>
        <Field label="Quota" error={errors.quotaMax} hint="Requests per renewal; -1 for none">
          <input type="number" min={-1} {...register('quotaMax', asNumber)} />
        </Field>
        <Field label="Quota renews every (seconds)" error={errors.quotaRenewalRate}>
          <input type="number" min={0} {...register('quotaRenewalRate', asNumber)} />
        </Field>
      </div>
      <div className="form-row">
        <Field
          label="Throttle interval (seconds)"
          error={errors.throttleInterval}
          hint="-1: no retries when limited"
        >
          <input type="number" min={-1} {...register('throttleInterval', asNumber)} />
        </Field>
        <Field label="Throttle retry limit" error={errors.throttleRetryLimit}>
          <input type="number" min={-1} {...register('throttleRetryLimit', asNumber)} />
        </Field>
        <Field label="Tags" error={errors.tags} hint="Comma-separated">
          <input autoComplete="off" {...register('tags')} />
        </Field>
      </div>
      <Controller
        control={control}
        name="accessRights"
        render={({ field }) => (
          <AccessRightsPicker
            value={field.value}
            onChange={field.onChange}
            disabled={readOnly}
            error={errors.accessRights}
          />
        )}
      />
      <fieldset className="plain" aria-describedby="partitions-hint">
        <legend>Partitions</legend>
        <p id="partitions-hint" className="muted">
          With none ticked the policy sets all of these on its keys; otherwise only the ticked parts.
        </p>
        {PARTITIONS.map(({ key, label }) => (
          <div className="check-row" key={key}>
            <input type="checkbox" id={`partition-${key}`} {...register(`partitions.${key}`)} />
            <label htmlFor={`partition-${key}`}>{label}</label>
          </div>
        ))}
        {errors.partitions ? <small className="error-text">{errors.partitions}</small> : null}
      </fieldset>
    </>
  );
}
