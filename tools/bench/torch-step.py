#!/usr/bin/env python3
"""PyTorch's pace for `yoco bench --torch` (docs/performance.md): training steps of ConvNet-D3 on the CPU.

    /usr/bin/python3 tools/bench/torch-step.py --threads 1 [--device cpu|cuda --width 128
        --depth 3 --batch 64 --size 32 --channels 3 --classes 10 --steps 10 --warmup 2 --repeats 3]

The same step as the engine's trainer (src/engine/train/step.ts): depth blocks of [3×3 conv
(pad 1, bias) → GroupNorm(C, C) (instance norm with a learned scale and shift) → ReLU → 2×2
average pool], flatten, linear; soft-target cross-entropy (CutMix-style mixed targets); backward;
SGD (momentum 0.9, weight decay 5e-4); the softmax read back to the host, as the engine reads it
for training dynamics (which also waits for a GPU to finish the step). Random normal inputs.
Prints one JSON line: the best repeat's samples/s. Exits 3 when --device cuda has no CUDA device.
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def convnet(width, depth, channels, size, classes):
    layers, c, s = [], channels, size
    for _ in range(depth):
        layers += [nn.Conv2d(c, width, 3, padding=1), nn.GroupNorm(width, width, affine=True),
                   nn.ReLU(inplace=True), nn.AvgPool2d(2, 2)]
        c, s = width, s // 2
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(width * s * s, classes))


def main():
    p = argparse.ArgumentParser()
    for name, default in [("threads", 1), ("width", 128), ("depth", 3), ("batch", 64),
                          ("size", 32), ("channels", 3), ("classes", 10), ("steps", 10),
                          ("warmup", 2), ("repeats", 3)]:
        p.add_argument(f"--{name}", type=int, default=default)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    a = p.parse_args()
    if a.device == "cuda" and not torch.cuda.is_available():
        sys.exit(3)
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    dev = torch.device(a.device)
    model = convnet(a.width, a.depth, a.channels, a.size, a.classes).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    x = torch.randn(a.batch, a.channels, a.size, a.size).to(dev)
    ya = torch.randint(0, a.classes, (a.batch,))
    yb = torch.randint(0, a.classes, (a.batch,))
    target = (0.6 * F.one_hot(ya, a.classes).float() + 0.4 * F.one_hot(yb, a.classes).float()).to(dev)

    def step():
        opt.zero_grad(set_to_none=True)
        logits = model(x)
        loss = -(target * F.log_softmax(logits, 1)).sum() / a.batch
        loss.backward()
        opt.step()
        return loss.item(), F.softmax(logits.detach(), 1).cpu().numpy()

    runs = []
    for _ in range(a.repeats):
        for _ in range(a.warmup):
            step()
        t0 = time.perf_counter()
        for _ in range(a.steps):
            step()
        runs.append(a.steps * a.batch / (time.perf_counter() - t0))
    print(json.dumps({"backend": f"pytorch-{a.device}", "torch": torch.__version__, "threads": a.threads,
                      "samplesPerSec": max(runs), "allSamplesPerSec": runs}))


if __name__ == "__main__":
    main()
