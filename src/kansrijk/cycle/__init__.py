"""The policy cycle of Kinderen op de Kaart: themes, risk groups, action points, dialogue, context and
provision."""
