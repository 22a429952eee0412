"""Messages to customers on screen: the outbox view, a case's messages, the status bar and the sender loop."""
