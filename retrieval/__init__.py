"""policybot's core: documents, search and answers, with no chat platform in sight."""
