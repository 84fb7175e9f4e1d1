-- The roles of the post catalogue as rows: which workflow steps each post performs (post.step_codes) and which
-- posts it is incompatible with (post.incompatible_posts, made symmetric: one person must not hold both).
with posts as (
    select * from {{ ref('stg_raw__post') }}
),

step_roles as (
    select
        posts.post_code,
        'STEP' as relation,
        step.code as related_code
    from posts
    cross join lateral unnest(posts.step_codes) as step (code)
),

incompatible as (
    select
        posts.post_code,
        other.code as other_post_code
    from posts
    cross join lateral unnest(posts.incompatible_posts) as other (code)
),

both_directions as (
    select
        post_code,
        'INCOMPATIBLE' as relation,
        other_post_code as related_code
    from incompatible
    union
    select
        other_post_code as post_code,
        'INCOMPATIBLE' as relation,
        post_code as related_code
    from incompatible
),

roles as (
    select * from step_roles
    union all
    select * from both_directions
)

select * from roles
