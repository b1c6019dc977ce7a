{{/* What the gateways and the regional pump share: the bridges' address and the TLS towards them. */}}

{{- define "gatehouse.bridgeAddress" -}}
{{- .Values.region.bridgeAddress | default (printf "%s:%d" (include "gatehouse.name" (dict "root" . "component" "bridge")) (int .Values.controlPlane.bridge.grpcPort)) -}}
{{- end -}}

{{/* Tyk's slave_options TLS settings (the hybrid pump's meta takes the same), as a dict. */}}
{{- define "gatehouse.bridgeTlsSettings" -}}
{{- $bridge := .Values.region.bridge -}}
{{- $settings := dict "use_ssl" .Values.tls.enabled "allow_insecure_bridge" (not .Values.tls.enabled) -}}
{{- if .Values.tls.enabled -}}
{{- if include "gatehouse.regionCaSecret" . }}{{ $_ := set $settings "ca_file" "/etc/gatehouse/tls/bridge-ca/ca.crt" }}{{ end -}}
{{- if $bridge.serverName }}{{ $_ := set $settings "server_name" $bridge.serverName }}{{ end -}}
{{- if include "gatehouse.regionClientCertSecret" . -}}
{{- $_ := set $settings "cert_file" "/etc/gatehouse/tls/bridge-client/tls.crt" -}}
{{- $_ := set $settings "key_file" "/etc/gatehouse/tls/bridge-client/tls.key" -}}
{{- end -}}
{{- end -}}
{{- toJson $settings -}}
{{- end -}}

{{/* Volumes (YAML list) for the bridge's CA and this region's client certificate; empty without TLS. */}}
{{- define "gatehouse.bridgeTlsVolumes" -}}
{{- if .Values.tls.enabled -}}
{{- with include "gatehouse.regionCaSecret" . }}
{{ include "gatehouse.secretVolume" (dict "name" "bridge-ca" "secret" . "keys" (list "ca.crt")) }}
{{- end }}
{{- with include "gatehouse.regionClientCertSecret" . }}
{{ include "gatehouse.secretVolume" (dict "name" "bridge-client" "secret" . "keys" (list "tls.crt" "tls.key")) }}
{{- end }}
{{- end -}}
{{- end -}}

{{- define "gatehouse.bridgeTlsVolumeMounts" -}}
{{- if .Values.tls.enabled -}}
{{- if include "gatehouse.regionCaSecret" . }}
- { name: bridge-ca, mountPath: /etc/gatehouse/tls/bridge-ca, readOnly: true }
{{- end }}
{{- if include "gatehouse.regionClientCertSecret" . }}
- { name: bridge-client, mountPath: /etc/gatehouse/tls/bridge-client, readOnly: true }
{{- end }}
{{- end -}}
{{- end -}}
