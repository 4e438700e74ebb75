"""The handbook pipeline: source registry -> validated question bank -> de-duplication -> site pages."""
