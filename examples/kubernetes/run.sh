#!/usr/bin/env bash
# Runs the sharded load test on the current kubectl context and gates on the merged result:
# applies the scenario and the results volume, starts the Indexed Job with a common start instant
# and a run id, waits for every shard, runs the merge job, prints its report and exits with its
# code (0 pass, 1 a threshold failed on the merged run, 2 shards missing, interrupted or mismatched).
#   usage: examples/kubernetes/run.sh [SECONDS_UNTIL_START]   (default 120)
# Before the first run: build and push the image (see Dockerfile) and create the secret:
#   kubectl create secret generic zoom-meeting-sdk --from-literal=secret="$ZOOM_MEETING_SDK_SECRET"
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lead=${1:-120}
start=$(date -u -d "+${lead} sec" +%FT%TZ)
run="run-$(date -u -d "$start" +%Y%m%dT%H%M%SZ)"
kubectl apply -f "$here/scenario-configmap.yaml" -f "$here/results-pvc.yaml"
kubectl delete job sigload-shards sigload-merge --ignore-not-found
sed -e "s/2026-03-02T09:00:00Z/$start/" -e "s/run-20260302T090000Z/$run/" "$here/shards-job.yaml" | kubectl apply -f -
echo "shards release at $start ($run)"
# the shards' own deadline (activeDeadlineSeconds) bounds this wait as well
kubectl wait --for=condition=complete job/sigload-shards --timeout=1900s \
  || echo "some shards did not complete: the merge below says which (exit 2)"
sed -e "s/run-20260302T090000Z/$run/" "$here/merge-job.yaml" | kubectl apply -f -
kubectl wait --for=condition=complete job/sigload-merge --timeout=600s >/dev/null 2>&1 \
  || kubectl wait --for=condition=failed job/sigload-merge --timeout=60s >/dev/null 2>&1 || true
kubectl logs job/sigload-merge
pod=$(kubectl get pods -l job-name=sigload-merge -o jsonpath='{.items[0].metadata.name}')
exit "$(kubectl get pod "$pod" -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}')"
