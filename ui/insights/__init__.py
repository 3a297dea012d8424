"""The Insights view: advice about the network, its shape in charts, and goals."""
