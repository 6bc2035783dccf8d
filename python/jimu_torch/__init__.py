"""Jimu's PyTorch interpreter: builds, trains and converts the model of an exported Jimu plan.

One implementation serves every pipeline: `JimuModel` reads the plan's Keras-style functional model
JSON and runs it in PyTorch with Jimu's (TensorFlow.js') numerics, so the same weights give the same
outputs and gradients in both engines (checked by Jimu's parity tests).
"""

__version__ = "0.1.0"
