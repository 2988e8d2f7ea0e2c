"""Recipes: the instruction frames that repeat across the log (mined from all requests, not
per account), grouped into families, each request's recipe, names and stable ids."""

from analysis.recipes.run import RecipeResult, run_recipes

__all__ = ["RecipeResult", "run_recipes"]
