#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<Target>/ from fixtures/ (small excerpts; under 1 MB in all).

Input layouts follow the fuzz targets (Sources/Fuzz*/main.swift): FuzzDelimited's first byte picks the
format (byte % 5: csv, tsv, lightning-csv, wandb-csv, keras-csv), FuzzJSON's (even json, odd jsonl),
FuzzTensorBoard's the mode (even: the event file as is; odd: <uint16 LE length><payload> records that
the target frames with valid CRCs), FuzzMLflowFileStore holds `metrics/lr`, a NUL, `metrics/loss`, and
FuzzPipeline takes files as they are. Run from the repository root: python3 fuzz/make_seeds.py
"""
import os
import struct

F = 'fixtures'
C = 'fuzz/corpus'


def put(target, name, data):
    os.makedirs(f'{C}/{target}', exist_ok=True)
    with open(f'{C}/{target}/{name}', 'wb') as f:
        f.write(data)


def rd(path):
    with open(f'{F}/{path}', 'rb') as f:
        return f.read()


def head(data, lines):
    return b''.join(data.splitlines(keepends=True)[:lines])


def records(data):
    out, i = [], 0
    while i + 12 <= len(data):
        n = struct.unpack('<Q', data[i:i + 8])[0]
        out.append(data[i + 12:i + 12 + n])
        i += 12 + n + 4
    return out


put('FuzzDelimited', 'csv-lr_find', b'\x00' + head(rd('corpus/digits_mlp-fastai-edge_numit20-seed0/lr_find.csv'), 30))
put('FuzzDelimited', 'csv-semicolon', b'\x00' + head(rd('generated/dialects/semicolon.csv'), 20))
put('FuzzDelimited', 'csv-bom-crlf-quoted', b'\x00' + head(rd('generated/dialects/bom_crlf_quoted.csv'), 20))
put('FuzzDelimited', 'tsv-tab', b'\x01' + head(rd('generated/dialects/tab.tsv'), 20))
put('FuzzDelimited', 'lightning-metrics', b'\x02' + head(rd('corpus/digits_mlp-lightning-ramplog-seed0/csv_logs/version_0/metrics.csv'), 40))
put('FuzzDelimited', 'wandb-lr', b'\x03' + head(rd('corpus/digits_mlp-wandbcsv-relayout-seed0/wandb_export_lr.csv'), 20))
put('FuzzDelimited', 'wandb-loss', b'\x03' + head(rd('corpus/digits_mlp-wandbcsv-relayout-seed0/wandb_export_loss.csv'), 20))
put('FuzzDelimited', 'keras-batch-log', b'\x04' + head(rd('generated/keras/batch_log.csv'), 30))
put('FuzzDelimited', 'csv-runs', b'\x00run,step,lr,loss\na,0,1e-7,2.3\na,1,2e-7,2.2\nb,0,1e-7,nan\nb,1,2e-7,inf\n')

put('FuzzJSON', 'json-history', b'\x00' + rd('corpus/digits_mlp-torchlrfinder-edge_hugeloss-seed0/history.json')[:3000])
put('FuzzJSON', 'json-history-nan', b'\x00' + rd('corpus/friedman1_mlp-torchlrfinder-edge_nan-seed0/history.json')[:3000])
put('FuzzJSON', 'json-lightning-results', b'\x00' + rd('corpus/digits_mlp-lightning-edge_numit20-seed0/results.json')[:3000])
put('FuzzJSON', 'json-records', b'\x00' + head(rd('generated/json/records.json'), 40))
put('FuzzJSON', 'json-mismatched', b'\x00' + rd('generated/json/history_mismatched.json')[:1500])
put('FuzzJSON', 'jsonl-records', b'\x01' + head(rd('generated/json/records.jsonl'), 30))
put('FuzzJSON', 'json-steps-escapes',
    b'\x00{"step": [0, 1, 2], "lr": [1e-7, 2e-7, 4e-7], "loss": [2.3, null, NaN], "note": "a\\u00e9\\ud83d\\ude00\\n"}')

base = 'mlflow/file-store/mlruns/0/1f0e5b2a9c3d4e6f8a7b6c5d4e3f2a10/metrics/'
put('FuzzMLflowFileStore', 'lr-loss', head(rd(base + 'lr'), 30) + b'\x00' + head(rd(base + 'loss'), 30))
put('FuzzMLflowFileStore', 'legacy-loss', rd('mlflow/file-store/mlruns/0/2a3b4c5d6e7f40818293a4b5c6d7e8f9/metrics/loss'))
put('FuzzMLflowFileStore', 'loss-only', rd('mlflow/file-store/mlruns/0/3c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8/metrics/loss'))
put('FuzzMLflowFileStore', 'spellings',
    b'1700000000000 1e-07 0\n1700000000001 2e-07 1\r\n1700000000002 4e-07\n\x00'
    b'1700000000000 nan 0\n1700000000001 -inf 1\n1700000000002 Infinity 2\n1700000000003 0.5 2\n')

event_files = {
    'encodings': 'tensorboard/encodings/events.out.tfevents.0.encodings',
    'torch-edge-nan': 'tensorboard/torch-edge-nan/tb_logs/events.out.tfevents.1796399058.vm.16573.0',
    'lightning-ramplog': 'tensorboard/lightning-ramplog/tb_logs/version_0/events.out.tfevents.1796398992.vm.16499.0',
}
for name, path in event_files.items():
    data = rd(path)
    recs = records(data)
    size = 0
    for r in recs:
        if size + len(r) + 16 > 3000:
            break
        size += len(r) + 16
    put('FuzzTensorBoard', 'raw-' + name, b'\x00' + data[:size])
    framed = b''.join(struct.pack('<H', len(r)) + r for r in recs[:40])
    put('FuzzTensorBoard', 'framed-' + name, b'\x01' + framed[:3000])

put('FuzzPipeline', 'lr_find.csv', rd('corpus/digits_mlp-fastai-lrfind-seed0/lr_find.csv'))
put('FuzzPipeline', 'stopdiv-lr_find.csv', rd('corpus/digits_mlp-fastai-edge_stopdiv-seed0/lr_find.csv'))
put('FuzzPipeline', 'history-nan.json', rd('corpus/friedman1_mlp-torchlrfinder-edge_nan-seed0/history.json'))
put('FuzzPipeline', 'results.json', rd('corpus/digits_mlp-lightning-edge_numit20-seed0/results.json'))
put('FuzzPipeline', 'metrics.csv', rd('corpus/digits_mlp-lightning-ramplog-seed0/csv_logs/version_0/metrics.csv'))
put('FuzzPipeline', 'records.jsonl', head(rd('generated/json/records.jsonl'), 60))
put('FuzzPipeline', 'batch_log.csv', rd('generated/keras/batch_log.csv'))
put('FuzzPipeline', 'wandb_export_loss.csv', rd('corpus/digits_mlp-wandbcsv-relayout-seed0/wandb_export_loss.csv'))
put('FuzzPipeline', 'events-torch-edge-nan', rd(event_files['torch-edge-nan']))
