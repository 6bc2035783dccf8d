"""Trains this exported Jimu pipeline with PyTorch. See README.md.

    python3 train.py --out run                                          # one process
    torchrun --nproc_per_node=4 train.py --out run --amp bf16            # four GPUs
    python3 -m torch.distributed.run --nproc_per_node=2 train.py --out run   # the same, without the torchrun script
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from jimu_torch.train_loop import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(here=os.path.dirname(os.path.abspath(__file__))))
