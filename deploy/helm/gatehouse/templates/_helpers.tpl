{{/* Names, labels and images shared by every template. */}}

{{- define "gatehouse.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of one component's objects: (dict "root" $ "component" "gateway"). */}}
{{- define "gatehouse.name" -}}
{{- printf "%s-%s" (include "gatehouse.fullname" .root) .component -}}
{{- end -}}

{{- define "gatehouse.selectorLabels" -}}
app.kubernetes.io/name: gatehouse
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "gatehouse.labels" -}}
{{ include "gatehouse.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: gatehouse
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* (dict "root" $ "app" "gateway") */}}
{{- define "gatehouse.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s%s/%s:%s" $image.registry $image.repository .app ($image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "gatehouse.controlPlaneSecret" -}}
{{- .Values.controlPlane.existingSecret | default (printf "%s-control-plane" (include "gatehouse.fullname" .)) -}}
{{- end -}}

{{- define "gatehouse.regionSecret" -}}
{{- .Values.region.existingSecret | default (printf "%s-region" (include "gatehouse.fullname" .)) -}}
{{- end -}}

{{/*
A secret value for a chart-made Secret: the one given, else the one this Secret already holds (so an
upgrade keeps it), else a random one. (dict "root" $ "secret" <name> "key" <key> "value" <given>)
*/}}
{{- define "gatehouse.secretValue" -}}
{{- if .value -}}
{{- .value -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- if and $existing (hasKey $existing.data .key) -}}
{{- index $existing.data .key | b64dec -}}
{{- else -}}
{{- randAlphaNum 48 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The control plane's MongoDB and Redis: "builtin" services of this release or URLs from the Secret. */}}
{{- define "gatehouse.mongoUrl" -}}
{{- printf "mongodb://%s:27017" (include "gatehouse.name" (dict "root" . "component" "mongo")) -}}
{{- end -}}

{{- define "gatehouse.controlPlaneRedisUrl" -}}
{{- printf "redis://%s:6379" (include "gatehouse.name" (dict "root" . "component" "control-plane-redis")) -}}
{{- end -}}

{{- define "gatehouse.regionRedisUrl" -}}
{{- printf "redis://%s:6379" (include "gatehouse.name" (dict "root" . "component" "region-redis")) -}}
{{- end -}}

{{/*
Environment naming a URL: GATEHOUSE_<APP>_<SETTING> for a builtin service, else <...>_FILE pointing at
the Secret's key. (dict "name" "GATEHOUSE_DASHBOARD_MONGO_URL" "builtin" <bool> "url" <url> "key" "mongo-url")
*/}}
{{- define "gatehouse.urlEnv" -}}
{{- if .builtin }}
- name: {{ .name }}
  value: {{ .url | quote }}
{{- else }}
- name: {{ .name }}_FILE
  value: /etc/gatehouse/secrets/{{ .key }}
{{- end }}
{{- end -}}

{{/*
The script that writes a pump's sinks with every "@file:<path>" string replaced by that file's content
(a credential from a mounted Secret), run by an init container: the pump takes its sinks as one JSON
value, so the secret inside cannot be a _FILE variable of its own. Arguments: template, output.
*/}}
{{- define "gatehouse.spliceSecretsScript" -}}
const fs = require('node:fs'); const [template, out] = process.argv.slice(1);
const text = fs.readFileSync(template, 'utf8').replace(/"@file:([^"]+)"/g,
(_, file) => JSON.stringify(fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '')));
JSON.parse(text); fs.writeFileSync(out, text, { mode: 0o600 });
{{- end -}}
