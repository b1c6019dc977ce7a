{{/*
The Gatehouse components this release runs, as a list of dicts: component (name), settings (its
values), metricsPort (the port name /metrics is on) and scheme. PDBs and ServiceMonitors range over it.
*/}}
{{- define "gatehouse.components" -}}
{{- $components := list -}}
{{- $cp := .Values.controlPlane -}}
{{- if $cp.enabled -}}
{{- $dashboardScheme := ternary "https" "http" (ne $cp.dashboard.tls.secretName "") -}}
{{- $components = append $components (dict "component" "dashboard" "settings" $cp.dashboard "metricsPort" "http" "scheme" $dashboardScheme) -}}
{{- $components = append $components (dict "component" "bridge" "settings" $cp.bridge "metricsPort" "http" "scheme" "http") -}}
{{- $components = append $components (dict "component" "central-pump" "settings" $cp.pump "metricsPort" "http" "scheme" "http") -}}
{{- end -}}
{{- $region := .Values.region -}}
{{- if $region.enabled -}}
{{- $gateway := $region.gateway -}}
{{- $shared := eq (int $gateway.controlPort) 0 -}}
{{- $gatewayScheme := ternary (ternary "https" "http" (ne $gateway.tls.secretName "")) "http" $shared -}}
{{- $components = append $components (dict "component" "gateway" "settings" $gateway "metricsPort" (ternary "http" "control" $shared) "scheme" $gatewayScheme) -}}
{{- $components = append $components (dict "component" "region-pump" "settings" $region.pump "metricsPort" "http" "scheme" "http") -}}
{{- end -}}
{{- toJson (dict "items" $components) -}}
{{- end -}}
