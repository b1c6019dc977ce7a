import type { DocumentFieldsProps } from '../../ui/document-editor/document-kind';
import { NameAndIdFields } from '../../ui/document-editor/NameAndIdFields';
import { Field } from '../../ui/Field';
import type { ApiFormValues } from './api-form';

/** The common fields of a classic definition; the JSON tab edits everything else. */
export function ApiFormFields({ form, errors, isNew }: DocumentFieldsProps<ApiFormValues>) {
  const { register, watch } = form;
  const auth = watch('auth');
  return (
    <>
      <div className="form-row">
        <NameAndIdFields
          name={register('name')}
          nameError={errors.name}
          idLabel="API ID"
          id={register('apiId')}
          idError={errors.apiId}
          idHint={isNew ? 'Generated; keep it, or use the id the API had in Tyk.' : 'Fixed once created.'}
          isNew={isNew}
        />
      </div>
      <div className="form-row">
        <Field
          label="Listen path"
          error={errors.listenPath}
          hint="Where gateways accept calls, e.g. /orders/"
        >
          <input autoComplete="off" {...register('listenPath')} />
        </Field>
        <Field label="Target URL" error={errors.targetUrl} hint="The upstream service gateways forward to">
          <input type="url" autoComplete="off" {...register('targetUrl')} />
        </Field>
      </div>
      <div className="check-row">
        <input type="checkbox" id="api-strip" {...register('stripListenPath')} />
        <label htmlFor="api-strip">Strip this prefix before forwarding</label>
        {errors.stripListenPath ? <small className="error-text">{errors.stripListenPath}</small> : null}
      </div>
      <div className="check-row">
        <input type="checkbox" id="api-active" {...register('active')} />
        <label htmlFor="api-active">Active (gateways serve it)</label>
        {errors.active ? <small className="error-text">{errors.active}</small> : null}
      </div>
      <fieldset className="plain" aria-describedby={errors.auth ? 'api-auth-error' : undefined}>
        <legend>Authentication</legend>
        <div className="check-row">
          <input type="radio" id="api-auth-keyless" value="keyless" {...register('auth')} />
          <label htmlFor="api-auth-keyless">Keyless (open)</label>
        </div>
        <div className="check-row">
          <input type="radio" id="api-auth-token" value="token" {...register('auth')} />
          <label htmlFor="api-auth-token">Auth token (keys)</label>
        </div>
        {auth === 'other' ? (
          <div className="check-row">
            <input type="radio" id="api-auth-other" value="other" {...register('auth')} />
            <label htmlFor="api-auth-other">Another method, set in the JSON (kept as it is)</label>
          </div>
        ) : null}
        {errors.auth ? (
          <small id="api-auth-error" className="error-text">
            {errors.auth}
          </small>
        ) : null}
      </fieldset>
      {auth === 'token' ? (
        <Field
          label="Auth header name"
          error={errors.authHeaderName}
          hint="The request header carrying the key"
        >
          <input autoComplete="off" {...register('authHeaderName')} />
        </Field>
      ) : null}
      <Field
        label="Tags"
        error={errors.tags}
        hint="Comma-separated; gateway groups serve the APIs whose tags they match"
      >
        <input autoComplete="off" {...register('tags')} />
      </Field>
      <p className="muted">
        Versioning is off: the API has one version, “Default”. Edit versions in the JSON.
      </p>
    </>
  );
}
