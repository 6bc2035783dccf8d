"""`train.py`: trains an exported Jimu plan, on one process or under torchrun (DistributedDataParallel),
and writes a run folder in the layout of `jimu train --out`."""

import argparse
import datetime
import faulthandler
import json
import math
import os
import platform
import signal
import sys
import time

import numpy as np
import torch

from .data import DataProblem, DataRunner
from .losses import loss_function
from .metrics import score_task
from .model import JimuModel
from .optim import learning_rate_at, make_optimizer, set_learning_rate
from .predictions import write_predictions
from .rng import Mulberry32, derive_seed, shuffle_draws, stream_seed, training_order
from .sliding_window import predict_set
from .tfjs_io import save_tfjs


def parse_args(argv=None):
    a = argparse.ArgumentParser(description="Train an exported Jimu pipeline with PyTorch (one process, or under torchrun).")
    a.add_argument("--plan", default=None, help="the plan JSON (default: plan.json beside train.py)")
    a.add_argument("--out", default="run", help="the run folder (a checkpoint there is resumed)")
    a.add_argument("--data", default=None, help="the dataset folder (default: data/ beside train.py)")
    a.add_argument("--epochs", type=int, default=None, help="override the Train block's epochs")
    a.add_argument("--batch-size", type=int, default=None, help="examples per process and step (default: the Train block's)")
    a.add_argument("--max-steps", type=int, default=None, help="stop after this many optimizer steps")
    a.add_argument("--device", choices=["cpu", "cuda"], default=None)
    a.add_argument("--amp", choices=["bf16"], default=None, help="bf16 autocast for the forward pass")
    a.add_argument("--sync-bn", action="store_true", help="batch statistics over every process")
    a.add_argument("--no-resume", action="store_true", help="start afresh even if the run folder holds a checkpoint")
    a.add_argument("--no-predictions", action="store_true")
    a.add_argument("--warmup-steps", type=int, default=5, help="steps left out of the samples/s measurement")
    a.add_argument("--checkpoint-every", type=int, default=1, help="write RUN/checkpoint.pt every N epochs (and at the end)")
    a.add_argument("--dist-timeout", type=float, default=30, metavar="MINUTES", help="how long a process waits for the others at a synchronisation before failing with a traceback (default 30)")
    a.add_argument("--quiet", action="store_true")
    return a.parse_args(argv)


def start_epoch_of(out, no_resume):
    """The epoch a run resumes at (1 for a fresh one), read from RUN/checkpoint.pt before the data is prepared."""
    path = os.path.join(out, "checkpoint.pt")
    if no_resume or not os.path.exists(path):
        return 1
    return len(torch.load(path, map_location="cpu")["history"]) + 1


def fmt_time(s):
    if s is None or not math.isfinite(s):
        return "?"
    s = int(round(s))
    return "%dh%02dm" % (s // 3600, s % 3600 // 60) if s >= 3600 else "%dm%02ds" % (s // 60, s % 60) if s >= 60 else "%ds" % s


def main(argv=None, here=None):
    args = parse_args(argv)
    here = here or os.path.dirname(os.path.abspath(sys.argv[0]))
    plan_path = args.plan or os.path.join(here, "plan.json")
    with open(plan_path) as f:
        plan = json.load(f)
    data_dir = args.data or os.path.join(here, "data")

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device_kind = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    if device_kind == "cuda":
        torch.cuda.set_device(local_rank)
        device = torch.device("cuda", local_rank)
    else:
        device = torch.device("cpu")
    # Under torchrun (even with one process) training runs through DistributedDataParallel.
    distributed = world > 1 or "LOCAL_RANK" in os.environ
    if device_kind == "cuda":
        torch.backends.cudnn.benchmark = True
    if distributed:
        torch.distributed.init_process_group("nccl" if device_kind == "cuda" else "gloo", timeout=datetime.timedelta(minutes=args.dist_timeout))
    if os.environ.get("JIMU_TORCH_TRACEBACK_ON_TERM"):
        # Where a stopped run was: a process killed by SIGTERM (torchrun forwards it) prints every thread's stack.
        faulthandler.register(signal.SIGTERM, all_threads=True, chain=True)
    is_main = rank == 0

    def log(msg):
        if is_main and not args.quiet:
            print(msg, file=sys.stderr, flush=True)

    t = plan["training"]
    seed = t.get("seed") if t.get("seed") is not None else plan["seed"]
    torch.manual_seed(derive_seed(seed, "torch init"))
    np.random.seed(derive_seed(seed, "rank %d" % rank) & 0x7FFFFFFF)

    try:
        runner = DataRunner(data_dir, plan["seed"])
        train_stream = runner.stream(plan["data"]["train"]["steps"])
        train_set = train_stream.for_epoch(max(1, start_epoch_of(args.out, args.no_resume)))
        val_set = runner.run(plan["data"]["validation"]["steps"]) if plan["data"].get("validation") else None
    except (DataProblem, OSError) as e:
        print("jimu_torch: cannot load the data: %s" % e, file=sys.stderr)
        return 2
    if val_set is not None and val_set.n == 0:
        val_set = None

    model = JimuModel(plan["model"]["topology"], seed=derive_seed(seed, "torch init")).to(device)
    if args.sync_bn:
        model.set_sync_batchnorm(True)
    net = torch.nn.parallel.DistributedDataParallel(model, device_ids=[local_rank] if device_kind == "cuda" else None) if distributed else model
    loss_fn = loss_function(t["loss"])
    optimizer = make_optimizer(t["optimizer"], model.parameters())
    epochs = args.epochs or t["epochs"]
    batch = max(1, min(args.batch_size or t["batchSize"], train_set.n))
    amp = args.amp == "bf16"

    def placed(s):
        xa, ya = torch.from_numpy(s.x), torch.from_numpy(s.y)
        if device_kind == "cuda":
            # The decoded cases stay in memory; on the GPU itself when they take under a quarter of it.
            free, _ = torch.cuda.mem_get_info(device)
            if xa.numel() * 4 + ya.numel() * 4 < free // 4:
                return xa.to(device), ya.to(device)
            return xa.pin_memory(), ya.pin_memory()
        return xa, ya

    x_all, y_all = placed(train_set)
    data_epoch = max(1, start_epoch_of(args.out, args.no_resume))
    # Jimu's shuffle stream (streamSeed(seed, 'shuffle') of src/runtime/train.ts), one stream over the epochs.
    shuffling = t.get("shuffle", True)
    shuffle_rng = Mulberry32(stream_seed(seed, "shuffle"))
    per_rank = math.ceil(train_set.n / world)
    batches = math.ceil(per_rank / batch)

    history, best, best_state, stop_best, wait, start_epoch, steps_done = [], None, None, None, 0, 1, 0
    ckpt_path = os.path.join(args.out, "checkpoint.pt")
    if not args.no_resume and os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path, map_location="cpu")
        model.load_state_dict(ck["model"])
        optimizer.load_state_dict(ck["optimizer"])
        history, best, stop_best, wait, steps_done = ck["history"], ck["best"], ck["stop_best"], ck["wait"], ck["steps"]
        best_state = ck.get("best_state")
        torch.set_rng_state(ck["rng"][rank] if rank < len(ck["rng"]) else ck["rng"][0])
        start_epoch = len(history) + 1
        # The epochs already trained drew their orders from the shuffle stream: skip those draws.
        shuffle_rng.skip(len(history) * shuffle_draws(train_set.n, train_set.runs, shuffling))
        log("Resuming from %s after epoch %d." % (ckpt_path, len(history)))
    monitor = t.get("monitor", "val_loss")
    if val_set is None and monitor.startswith("val_"):
        monitor = monitor[4:]
    mode = t.get("monitorMode", "min")
    if monitor not in ("loss", "val_loss"):
        log('"%s" is not measured by jimu_torch; "%s" is monitored instead.' % (monitor, "val_loss" if val_set is not None else "loss"))
        monitor, mode = ("val_loss" if val_set is not None else "loss"), "min"
    es = t.get("earlyStopping")

    def improves(v, b, m, delta=0.0):
        return math.isfinite(v) and (b is None or (v < b - delta if m == "min" else v > b + delta))

    log("jimu_torch: %s on %s (%s), %d process(es), PyTorch %s; %d training and %d validation examples; %d batch(es) of %d per process and epoch."
        % (plan["name"], device_kind, torch.cuda.get_device_name(device) if device_kind == "cuda" else platform.processor() or "cpu", world, torch.__version__, train_set.n, val_set.n if val_set else 0, batches, batch))
    started = time.time()
    timed_seconds, timed_samples = 0.0, 0

    def sync():
        if device_kind == "cuda":
            torch.cuda.synchronize()
    stopped = "completed"
    message = None
    total_steps = epochs * batches if args.max_steps is None else min(args.max_steps, epochs * batches)

    def forward(xb):
        if amp:
            with torch.autocast(device_type=device_kind, dtype=torch.bfloat16):
                return net(xb).float()
        return net(xb)

    def evaluate_loss(s):
        model.eval()
        tot = 0.0
        with torch.no_grad():
            for i in range(0, s.n, batch):
                xb = torch.from_numpy(s.x[i : i + batch]).to(device)
                yb = torch.from_numpy(s.y[i : i + batch]).to(device)
                if amp:
                    with torch.autocast(device_type=device_kind, dtype=torch.bfloat16):
                        out = model(xb).float()
                else:
                    out = model(xb)
                tot += float(loss_fn(yb, out)) * xb.shape[0]
        model.train()
        return tot / s.n

    epoch = start_epoch - 1
    steps_at_start = steps_done
    for epoch in range(start_epoch, epochs + 1):
        if args.max_steps is not None and steps_done >= args.max_steps:
            break
        lr = learning_rate_at(t["optimizer"], epoch - 1)
        set_learning_rate(optimizer, lr)
        # The order `jimu train` visits the examples in (trainingOrder: patches kept together per read stay
        # together), then DistributedSampler's deal: padded to a multiple of the world size, rank r taking every
        # world-th index from r, so step b of all ranks together trains on the order's b-th slice of
        # world x batch examples, as one process with world x batch would.
        if train_stream.per_epoch and epoch != data_epoch:
            # Augmentation and random patches draw anew each epoch, from the pipeline seed and the epoch, as in Jimu;
            # every process computes the same epoch's examples and takes its own share below.
            try:
                train_set = train_stream.for_epoch(epoch)
            except (DataProblem, OSError) as e:
                print("jimu_torch: cannot prepare the data of epoch %d: %s" % (epoch, e), file=sys.stderr)
                return 2
            x_all, y_all = placed(train_set)
            data_epoch = epoch
        runs = train_set.runs
        if runs and runs["length"] > 1:
            order = training_order(train_set.n, runs, shuffling, shuffle_rng)
        else:
            # Examples without runs: DistributedSampler's own permutation (seed + epoch). Jimu's order is kept
            # only where patches must stay together; with it, PET/CT's soft-Dice training stalled for this seed.
            g = torch.Generator().manual_seed((derive_seed(seed, "shuffle") & 0x7FFFFFFF) + epoch)
            order = torch.randperm(train_set.n, generator=g).tolist() if shuffling else list(range(train_set.n))
        order += order[: per_rank * world - len(order)]
        mine = order[rank::world]
        model.train()
        # Summed on the device: reading the loss every step would stall the GPU's queue.
        loss_sum = torch.zeros((), dtype=torch.float32, device=device)
        seen = 0
        if steps_done >= args.warmup_steps and args.max_steps != steps_done:
            sync()
            t0 = time.time()
        else:
            t0 = None
        for b in range(batches):
            if args.max_steps is not None and steps_done >= args.max_steps:
                break
            idx = mine[b * batch : (b + 1) * batch]
            xb = x_all[idx].to(device, non_blocking=True)
            yb = y_all[idx].to(device, non_blocking=True)
            optimizer.zero_grad(set_to_none=True)
            out = forward(xb)
            loss = loss_fn(yb, out)
            loss.backward()
            optimizer.step()
            steps_done += 1
            seen += len(idx)
            loss_sum += loss.detach().float() * len(idx)
            if t0 is not None:
                timed_samples += len(idx) * world
            elif steps_done == args.warmup_steps:
                sync()
                t0 = time.time()
            last_step = b + 1 == batches or (args.max_steps is not None and steps_done >= args.max_steps)
            if is_main and not args.quiet and (last_step or (b + 1) % max(1, batches // 10) == 0):
                lv = float(loss.detach())
                el = time.time() - started
                left = el / max(1, steps_done - steps_at_start) * (total_steps - steps_done)
                print("epoch %d/%d batch %d/%d loss %.4f lr %.3g — %s left" % (epoch, epochs, b + 1, batches, lv, lr, fmt_time(left)), file=sys.stderr, flush=True)
        if t0 is not None:
            sync()
            timed_seconds += time.time() - t0
        # NCCL reduces CUDA tensors only (gloo takes CPU ones): on GPUs the epoch's sums must live on the device.
        # Every decision below (NaN, best epoch, early stopping, the last epoch) is taken on values every process
        # shares: one process leaving the loop while another waits at the next synchronisation would hang both.
        sums = torch.tensor([float(loss_sum), seen], dtype=torch.float64, device=device if distributed else "cpu")
        if distributed:
            torch.distributed.all_reduce(sums)
        if not math.isfinite(float(sums[0])):
            stopped = "nan"
            message = "The loss became NaN or infinite in epoch %d: the learning rate is probably too high; try 10x lower." % epoch
            break
        logs = {"loss": float(sums[0] / max(1.0, float(sums[1])))}
        if val_set is not None:
            val_loss = evaluate_loss(val_set)
            if distributed:
                # Batch normalisation's running statistics differ between processes (each saw its own batches):
                # rank 0's model is the one saved, so its validation loss is everyone's.
                shared = torch.tensor([val_loss], dtype=torch.float64, device=device)
                torch.distributed.broadcast(shared, 0)
                val_loss = float(shared[0])
            logs["val_loss"] = val_loss
        history.append({"epoch": epoch, "learningRate": lr, "logs": logs})
        value = logs.get(monitor, float("nan"))
        if improves(value, best["value"] if best else None, mode):
            best = {"epoch": epoch, "value": value}
            if t.get("keepBest", True):
                best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        log("epoch %d/%d: %s%s" % (epoch, epochs, ", ".join("%s %.4f" % kv for kv in logs.items()), " (best)" if best and best["epoch"] == epoch else ""))
        stop = False
        if es:
            key = es.get("monitor", "val_loss")
            key = key if key in logs else ("val_loss" if "val_loss" in logs else "loss")
            watched = logs[key]
            if improves(watched, stop_best, es.get("mode", "min"), es.get("minDelta", 0)):
                stop_best, wait = watched, 0
            else:
                wait += 1
                if wait >= es.get("patience", 5):
                    stopped = "early-stopping"
                    message = 'Stopped early after epoch %d: "%s" has not improved for %d epochs.' % (epoch, key, es["patience"])
                    stop = True
        # Every rank's RNG state, so a resumed run draws what the uninterrupted one would have.
        last_epoch = stop or epoch == epochs or (args.max_steps is not None and steps_done >= args.max_steps)
        want = epoch % max(1, args.checkpoint_every) == 0 or last_epoch
        rng = [torch.get_rng_state()]
        if distributed and want:
            rng = [None] * world
            torch.distributed.all_gather_object(rng, torch.get_rng_state())
        if is_main and want:
            os.makedirs(args.out, exist_ok=True)
            tmp = ckpt_path + ".tmp"
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "history": history, "best": best, "best_state": best_state, "stop_best": stop_best, "wait": wait, "steps": steps_done, "rng": rng}, tmp)
            os.replace(tmp, ckpt_path)
            log("Saved the checkpoint after epoch %d to %s." % (epoch, ckpt_path))
        if stop:
            break
    if args.max_steps is not None and steps_done >= args.max_steps and stopped == "completed" and epoch < epochs:
        stopped = "max-steps"
    if device_kind == "cuda":
        torch.cuda.synchronize()
    samples_per_s = timed_samples / timed_seconds if timed_seconds > 0 and timed_samples else None

    if distributed:
        torch.distributed.barrier()
    code = 0 if stopped != "nan" else 1
    if is_main:
        code = finish(args, plan, plan_path, data_dir, model, best_state, best, history, stopped, message, runner, device_kind, device, world, amp, batch, samples_per_s, started, steps_done)
    if distributed:
        torch.distributed.barrier()
        torch.distributed.destroy_process_group()
    return code


def finish(args, plan, plan_path, data_dir, model, best_state, best, history, stopped, message, runner, device_kind, device, world, amp, batch, samples_per_s, started, steps_done):
    out = args.out
    os.makedirs(out, exist_ok=True)
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    model_cpu = model
    predictions, evaluations, validation_scores = [], {}, None
    # Every Evaluate block's data scored with the task's metrics (scoreTask, as `jimu train` writes them), its
    # predictions and reference written where `jimu evaluate` reads them; without an Evaluate block, the
    # validation set's (metrics.json "validation").
    # Volumes of another size than the model's input (a model trained on patches, scored on whole scans) are
    # predicted by sliding windows with the Evaluate block's overlap and blending, as `jimu train` does.
    sets = [(ev["block"], ev["data"]["steps"], ev.get("threshold", 0.5), True, ev.get("slidingWindow")) for ev in plan["evaluations"]]
    if not sets and plan["data"].get("validation") and stopped != "nan":
        sets = [("validation", plan["data"]["validation"]["steps"], 0.5, False, None)]
    for name, steps, thr, is_evaluation, sliding in sets:
        s = runner.run(steps)
        try:
            pred = predict_set(model, s.x, device, batch, sliding) if s.n else np.zeros((0,) + s.y.shape[1:], np.float32)
        except ValueError as e:
            print("jimu_torch: cannot predict %s: %s" % (name, e), file=sys.stderr)
            return 2
        scores = score_task(s.task, s.y, pred, list(s.y.shape[1:]), s.label_names, thr)
        if is_evaluation:
            evaluations[name] = scores
        elif s.n:
            validation_scores = scores
        if args.no_predictions or stopped == "nan":
            continue
        if s.n == 0:
            print("jimu_torch: warning: %s has no cases, so no predictions were written for it." % name, file=sys.stderr)
            continue
        # The subset the data ends in (its last Split's output), as `jimu train` names it (subsetOf, src/cli/predictions.ts).
        split = next((st["output"] for st in reversed(steps) if st["type"] == "Split"), "test" if is_evaluation else "validation")
        predictions.append(write_predictions(out, name, s, pred, thr, split))
    model_cpu = model.to("cpu")
    save_tfjs(model_cpu, out)
    torch.save({"model": model_cpu.state_dict(), "plan": plan_path}, os.path.join(out, "model.pt"))
    with open(os.path.join(out, "history.json"), "w") as f:
        json.dump(history, f, indent=2)
        f.write("\n")
    last = history[-1]["logs"] if history else {}
    best_logs = history[best["epoch"] - 1]["logs"] if best and best["epoch"] - 1 < len(history) else None
    metrics = {"stoppedBecause": stopped, "bestEpoch": best["epoch"] if best else None, "final": last, "best": best_logs, "evaluations": evaluations, **({"validation": validation_scores} if validation_scores is not None else {}), "throughput": {"samplesPerSecond": samples_per_s, "amp": "bf16" if amp else None, "steps": steps_done}}
    with open(os.path.join(out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
    devices = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())] if device_kind == "cuda" else [platform.processor() or platform.machine()]
    manifest = {
        "format": "jimu.run",
        "version": 1,
        "pipeline": {"file": plan_path, "name": plan["name"]},
        "seed": plan["seed"],
        "backend": {"name": "pytorch-%s" % device_kind, "reason": "trained by the exported project (jimu_torch)", "kernels": None},
        "engine": {"torch": torch.__version__, "python": platform.python_version(), "numpy": np.__version__, "device": device_kind, "devices": devices, "world_size": world, "amp": "bf16" if amp else None, "batchPerProcess": batch},
        "started": datetime.datetime.utcfromtimestamp(started).isoformat() + "Z",
        "finished": datetime.datetime.utcnow().isoformat() + "Z",
        "stoppedBecause": stopped,
        "message": message,
        "versions": {"jimu_torch": __import__("jimu_torch").__version__, "torch": torch.__version__},
        "data": {"folder": data_dir},
        "outputs": ["model.json", "weights.bin", "history.json", "metrics.json", "model.pt"] + (["predictions/", "truth/"] if predictions else []),
        "predictions": predictions,
    }
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    if not args.quiet:
        print("Wrote the trained model and reports to %s." % out, file=sys.stderr)
        for p in predictions:
            print("Predictions for %d case(s) in %s; score them with:\n  %s" % (len(p["cases"]), p["pred"], p["command"]), file=sys.stderr)
    print(json.dumps({"samples_per_s": samples_per_s, "steps": steps_done, "world_size": world, "amp": "bf16" if amp else None, "device": device_kind, "stopped": stopped}))
    if os.path.exists(os.path.join(out, "checkpoint.pt")) and stopped in ("completed", "early-stopping"):
        pass  # kept: a finished run's checkpoint lets `train.py --epochs N` continue it
    return 0 if stopped != "nan" else 1
