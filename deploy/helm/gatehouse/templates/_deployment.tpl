{{/*
One Gatehouse component's Deployment. Arguments (dict):
  root, component (object names and labels), app (image), settings (the component's values: replicas,
  resources, extraEnv), env and ports (YAML lists), probePort (a port name), scheme (HTTP or HTTPS),
  livenessPath, autoscaled (no replicas: the HPA owns them), preStopSeconds, and optionally
  initContainers, volumes, volumeMounts (YAML lists) and annotations (a YAML map).
*/}}
{{- define "gatehouse.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "gatehouse.name" . }}
  labels:
    {{- include "gatehouse.labels" . | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ .settings.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "gatehouse.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "gatehouse.labels" . | nindent 8 }}
      {{- with .annotations }}
      annotations:
        {{- . | nindent 8 }}
      {{- end }}
    spec:
      # The apps never call the Kubernetes API.
      automountServiceAccountToken: false
      enableServiceLinks: false
      # The apps drain within their shutdown timeout (10 s) after SIGTERM; preStop waits first.
      terminationGracePeriodSeconds: {{ add 20 .preStopSeconds }}
      securityContext:
        {{- toYaml .root.Values.podSecurityContext | nindent 8 }}
      {{- with .root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with include "gatehouse.scheduling" . | trim }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with .initContainers }}
      initContainers:
        {{- . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .app }}
          image: {{ include "gatehouse.image" (dict "root" .root "app" .app) }}
          imagePullPolicy: {{ .root.Values.image.pullPolicy }}
          securityContext:
            {{- toYaml .root.Values.containerSecurityContext | nindent 12 }}
          env:
            {{- .env | nindent 12 }}
            {{- with .settings.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          ports:
            {{- .ports | nindent 12 }}
          # Started: every dependency answered once. Ready: they still do. Alive: the process answers.
          startupProbe:
            httpGet: { path: /health, port: {{ .probePort }}, scheme: {{ .scheme }} }
            periodSeconds: 2
            failureThreshold: 60
          readinessProbe:
            httpGet: { path: /health, port: {{ .probePort }}, scheme: {{ .scheme }} }
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          livenessProbe:
            httpGet: { path: {{ .livenessPath }}, port: {{ .probePort }}, scheme: {{ .scheme }} }
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 6
          {{- if .preStopSeconds }}
          # Endpoints drop the pod before it stops accepting connections.
          lifecycle:
            preStop:
              sleep:
                seconds: {{ .preStopSeconds }}
          {{- end }}
          resources:
            {{- toYaml .settings.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* nodeSelector, tolerations, anti-affinity and zone spreading for one component. */}}
{{- define "gatehouse.scheduling" -}}
{{- $scheduling := .root.Values.scheduling -}}
{{- with $scheduling.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $scheduling.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- if $scheduling.antiAffinity }}
affinity:
  podAntiAffinity:
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- include "gatehouse.selectorLabels" . | nindent 14 }}
{{- end }}
{{- if $scheduling.spreadAcrossZones }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "gatehouse.selectorLabels" . | nindent 8 }}
    # Count only the current ReplicaSet's pods during a rollout.
    matchLabelKeys: [pod-template-hash]
{{- end }}
{{- end -}}

{{/* A volume of a Secret's keys (dict "name" <volume> "secret" <Secret> "keys" (list ...)). */}}
{{- define "gatehouse.secretVolume" -}}
- name: {{ .name }}
  secret:
    secretName: {{ .secret }}
    defaultMode: 0440
    {{- with .keys }}
    items:
      {{- range . }}
      - { key: {{ . }}, path: {{ . }} }
      {{- end }}
    {{- end }}
{{- end -}}
