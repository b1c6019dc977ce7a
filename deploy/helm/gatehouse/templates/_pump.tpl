{{/*
A pump (central or regional): a ConfigMap with its sinks, where "@file:<path>" strings stand for
credentials in mounted Secrets, an init container that splices them in (gatehouse.spliceSecretsScript)
onto a memory-backed emptyDir, the Deployment and its metrics Service. Arguments (dict): root,
component, settings (replicas, httpPort, resources, extraEnv), sinks (a map), redisEnv (YAML list),
secret (its name), secretKeys (list), and optionally volumes and volumeMounts (YAML lists) the sinks
refer to (bridge certificates).
*/}}
{{- define "gatehouse.pump" -}}
{{- $sinks := toPrettyJson .sinks }}
{{- $volumes := printf "- name: sinks\n  configMap: { name: %s }\n- name: run\n  emptyDir: { medium: Memory, sizeLimit: 1Mi }" (include "gatehouse.name" .) }}
{{- $mounts := "- { name: sinks, mountPath: /etc/gatehouse/sinks, readOnly: true }" }}
{{- if .secretKeys }}
{{- $volumes = printf "%s\n%s" $volumes (include "gatehouse.secretVolume" (dict "name" "secrets" "secret" .secret "keys" .secretKeys)) }}
{{- $mounts = printf "%s\n- { name: secrets, mountPath: /etc/gatehouse/secrets, readOnly: true }" $mounts }}
{{- end }}
{{- with .volumes }}{{ $volumes = printf "%s\n%s" $volumes . }}{{ end }}
{{- with .volumeMounts }}{{ $mounts = printf "%s\n%s" $mounts . }}{{ end }}
{{- $init := include "gatehouse.pumpSinksInit" (merge (dict "mounts" (printf "%s\n- { name: run, mountPath: /run/gatehouse }" $mounts)) .) }}
{{- $mounts = printf "%s\n- { name: run, mountPath: /run/gatehouse, readOnly: true }" $mounts }}
{{- $env := printf "- { name: GATEHOUSE_PUMP_HTTP_HOST, value: 0.0.0.0 }\n- { name: GATEHOUSE_PUMP_HTTP_PORT, value: %s }\n- { name: GATEHOUSE_PUMP_PUMPS_FILE, value: /run/gatehouse/pumps.json }\n- { name: GATEHOUSE_PUMP_LOG_LEVEL, value: %s }%s" (.settings.httpPort | quote) (.root.Values.logLevel | quote) .redisEnv }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "gatehouse.name" . }}
  labels:
    {{- include "gatehouse.labels" . | nindent 4 }}
data:
  sinks.json: |
    {{- $sinks | nindent 4 }}
---
{{ include "gatehouse.deployment" (merge (dict
  "app" "pump" "env" $env "ports" (printf "- { name: http, containerPort: %d }" (int .settings.httpPort))
  "probePort" "http" "scheme" "HTTP" "livenessPath" "/health" "autoscaled" false "preStopSeconds" 0
  "initContainers" $init "volumes" $volumes "volumeMounts" $mounts
  "annotations" (printf "checksum/sinks: %s" (sha256sum $sinks))) .) }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "gatehouse.name" . }}
  labels:
    {{- include "gatehouse.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "gatehouse.selectorLabels" . | nindent 4 }}
  ports:
    - { name: http, port: {{ .settings.httpPort }}, targetPort: http, appProtocol: http }
{{- end -}}

{{- define "gatehouse.pumpSinksInit" -}}
- name: sinks
  image: {{ include "gatehouse.image" (dict "root" .root "app" "pump") }}
  imagePullPolicy: {{ .root.Values.image.pullPolicy }}
  securityContext:
    {{- toYaml .root.Values.containerSecurityContext | nindent 4 }}
  command:
    - node
    - -e
    - {{ include "gatehouse.spliceSecretsScript" . | quote }}
    - /etc/gatehouse/sinks/sinks.json
    - /run/gatehouse/pumps.json
  resources:
    requests: { cpu: 10m, memory: 32Mi }
    limits: { memory: 64Mi }
  volumeMounts:
    {{- .mounts | nindent 4 }}
{{- end -}}
