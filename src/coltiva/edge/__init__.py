"""What every app's entry points (views, forms) share: request helpers, the one-step
undo, form widgets and text limits. It imports no app, so any app may use it."""
