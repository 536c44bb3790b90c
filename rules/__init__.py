"""Rule packs: YAML data shipped inside the wheel as ``rolint.packs`` (no code here)."""
