{{/*
TLS between regions and bridges: which Secrets hold what. With tls.enabled, the control plane in this
release and no controlPlane.bridge.tls.secretName, the chart makes them (tls-secrets.yaml): a CA
(<fullname>-tls-ca: ca.crt, ca.key), the bridges' certificate (<fullname>-tls-bridge) and this release's
region client certificate (<fullname>-tls-region). Secrets named in the values always win.
*/}}

{{/* "true" when this release makes its bridge TLS material, else empty. */}}
{{- define "gatehouse.tlsGenerated" -}}
{{- $cp := .Values.controlPlane -}}
{{- if and .Values.tls.enabled $cp.enabled (not $cp.bridge.tls.secretName) -}}true{{- end -}}
{{- end -}}

{{/* The name of a Secret the chart makes: (dict "root" $ "which" "ca"|"bridge"|"region"). */}}
{{- define "gatehouse.generatedTlsSecret" -}}
{{- printf "%s-tls-%s" (include "gatehouse.fullname" .root) .which -}}
{{- end -}}

{{/* The bridges' certificate (tls.crt, tls.key). */}}
{{- define "gatehouse.bridgeTlsSecret" -}}
{{- .Values.controlPlane.bridge.tls.secretName | default (include "gatehouse.generatedTlsSecret" (dict "root" . "which" "bridge")) -}}
{{- end -}}

{{/* The CA (ca.crt) the bridges check client certificates against; empty: no mutual TLS. */}}
{{- define "gatehouse.bridgeClientCaSecret" -}}
{{- if .Values.controlPlane.bridge.tls.clientCaSecretName -}}
{{- .Values.controlPlane.bridge.tls.clientCaSecretName -}}
{{- else if include "gatehouse.tlsGenerated" . -}}
{{- include "gatehouse.generatedTlsSecret" (dict "root" . "which" "ca") -}}
{{- end -}}
{{- end -}}

{{/* The CA (ca.crt) the region checks the bridges' certificate against; empty: the system's roots. */}}
{{- define "gatehouse.regionCaSecret" -}}
{{- if .Values.region.bridge.caSecretName -}}
{{- .Values.region.bridge.caSecretName -}}
{{- else if include "gatehouse.tlsGenerated" . -}}
{{- include "gatehouse.generatedTlsSecret" (dict "root" . "which" "ca") -}}
{{- end -}}
{{- end -}}

{{/* The region's client certificate (tls.crt, tls.key); empty: none. */}}
{{- define "gatehouse.regionClientCertSecret" -}}
{{- if .Values.region.bridge.clientCertSecretName -}}
{{- .Values.region.bridge.clientCertSecretName -}}
{{- else if include "gatehouse.tlsGenerated" . -}}
{{- include "gatehouse.generatedTlsSecret" (dict "root" . "which" "region") -}}
{{- end -}}
{{- end -}}

{{/* What a certificate the chart makes is for, kept in its Secret's gatehouse.io/certificate-for. */}}
{{- define "gatehouse.certificateFor" -}}
{{- printf "CN=%s; DNS=%s" .cn (join "," .dnsNames) -}}
{{- end -}}

{{/*
A certificate signed by ca (a sprig certificate), as JSON {"Cert", "Key"} (PEM): the one the Secret
already holds when this CA signed it for the same names (so an upgrade keeps it), else a new one.
(dict "root" $ "secret" <name> "ca" <ca> "cn" <common name> "dnsNames" (list ...) "days" <int>)
*/}}
{{- define "gatehouse.signedCertificate" -}}
{{- $existing := lookup "v1" "Secret" .root.Release.Namespace .secret -}}
{{- $data := ($existing).data | default dict -}}
{{- $for := (($existing).metadata).annotations | default dict -}}
{{- $sameCa := eq (index $data "ca.crt" | default "" | b64dec) .ca.Cert -}}
{{- $sameNames := eq (index $for "gatehouse.io/certificate-for" | default "") (include "gatehouse.certificateFor" .) -}}
{{- if and (hasKey $data "tls.crt") (hasKey $data "tls.key") $sameCa $sameNames -}}
{{- toJson (dict "Cert" (index $data "tls.crt" | b64dec) "Key" (index $data "tls.key" | b64dec)) -}}
{{- else -}}
{{- $certificate := genSignedCert .cn (list) .dnsNames (int .days) .ca -}}
{{- toJson (dict "Cert" $certificate.Cert "Key" $certificate.Key) -}}
{{- end -}}
{{- end -}}
