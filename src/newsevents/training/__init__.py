"""Scripts that rebuild the shipped models from their training data: `python -m newsevents.training.NAME`."""
