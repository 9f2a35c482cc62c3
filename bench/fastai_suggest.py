"""fastai 2.8's LR-finder suggestions, transcribed line by line into numpy float32 (no torch).

Source: fastai 2.8.12, `fastai/callback/schedule.py` (`valley`, `slide`, `minimum`, `steep` and the
trimming in `Learner.lr_find`). fastai itself is not installed for the benchmark (it pulls in torch);
each torch operation below is replaced by its numpy float32 equivalent and nothing else is changed:
`valley` keeps fastai's O(n^2) double loop in pure Python, as users run it. (On torch tensors each
`losses[i] < losses[j]` builds a 0-d tensor, which is slower still than numpy scalars, so the
transcription's timings flatter fastai.)

`fastai_ema` is fastai's `AvgSmoothLoss` (what `recorder.losses` holds): `val = torch.lerp(loss, val,
beta)` in float32, recorded as `val / (1 - beta**count)`.
"""
import numpy as np


def to_np(x):
    return np.asarray(x)


# fastai: def valley(lrs:list, losses:list, num_it:int)
def valley(lrs, losses, num_it):
    "Suggests a learning rate from the longest valley and returns its index"
    n = len(losses)
    max_start, max_end = 0, 0

    # find the longest valley
    lds = [1] * n
    for i in range(1, n):
        for j in range(0, i):
            if (losses[i] < losses[j]) and (lds[i] < lds[j] + 1):
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]

    sections = (max_end - max_start) / 3
    idx = max_start + int(sections) + int(sections / 2)

    return float(lrs[idx]), (float(lrs[idx]), losses[idx])


# fastai: def slide(lrs:list, losses:list, num_it:int, lr_diff:int=15, thresh:float=.005, adjust_value:float=1.)
def slide(lrs, losses, num_it, lr_diff=15, thresh=.005, adjust_value=1.):
    "Suggests a learning rate following an interval slide rule and returns its index"
    losses = to_np(losses)
    loss_grad = np.gradient(losses)

    r_idx = -1
    l_idx = r_idx - lr_diff
    local_min_lr = lrs[l_idx]
    while (l_idx >= -len(losses)) and (abs(loss_grad[r_idx] - loss_grad[l_idx]) > thresh):
        local_min_lr = lrs[l_idx]
        r_idx -= 1
        l_idx -= 1

    suggestion = float(local_min_lr) * adjust_value
    idx = np.interp(np.log10(suggestion), np.log10(lrs), losses)
    return suggestion, (suggestion, idx)


# fastai: def minimum(lrs:list, losses:list, num_it:int)
def minimum(lrs, losses, num_it):
    "Suggests a learning rate one-tenth the minumum before divergance and returns its index"
    lr_min = lrs[losses.argmin()].item()
    loss_idx = losses[min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr_min))]
    return lr_min / 10, (lr_min, loss_idx)


# fastai: def steep(lrs:list, losses:list, num_it:int) -> (float, tuple)
def steep(lrs, losses, num_it):
    "Suggests a learning rate when the slope is the steepest and returns its index"
    grads = (losses[1:] - losses[:-1]) / (np.log(lrs[1:]) - np.log(lrs[:-1]))   # lrs[1:].log()-lrs[:-1].log()
    lr_steep = lrs[grads.argmin()].item()
    loss_idx = losses[min(range(len(lrs)), key=lambda i: abs(lrs[i] - lr_steep))]
    return lr_steep, (lr_steep, loss_idx)


FUNCS = {"minimum": minimum, "steep": steep, "valley": valley, "slide": slide}


def lr_find_inputs(recorder_lrs, recorder_losses, num_it):
    """`Learner.lr_find`'s trimming: tensor(recorder.lrs[num_it//10:-5]) and the losses likewise (float32),
    cut before the first NaN loss."""
    lrs = np.array(list(recorder_lrs)[num_it // 10:-5], dtype=np.float32)
    losses = np.array(list(recorder_losses)[num_it // 10:-5], dtype=np.float32)
    nan_idxs = np.nonzero(np.isnan(losses.reshape(-1)))[0]
    if len(nan_idxs) > 0:
        drop_idx = min(nan_idxs)
        lrs = lrs[:drop_idx]
        losses = losses[:drop_idx]
    return lrs, losses


def suggest(recorder_lrs, recorder_losses, num_it, funcs=("minimum", "steep", "valley", "slide")):
    """The suggestions `learn.lr_find(suggest_funcs=(minimum, steep, valley, slide))` returns."""
    lrs, losses = lr_find_inputs(recorder_lrs, recorder_losses, num_it)
    return {name: FUNCS[name](lrs, losses, num_it)[0] for name in funcs}


def fastai_ema(raw, beta=0.98):
    "fastai's AvgSmoothLoss over a run's raw losses (float32)."
    b = np.float32(beta)
    val = np.float32(0.0)
    out = np.empty(len(raw), dtype=np.float32)
    for k, loss in enumerate(np.asarray(raw, dtype=np.float32)):
        val = np.float32(loss + b * (val - loss))
        out[k] = np.float32(val / np.float32(1 - beta ** (k + 1)))
    return out
